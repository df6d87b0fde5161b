export default definePageConfig({ navigationBarTitleText: '我的就业画像' })
