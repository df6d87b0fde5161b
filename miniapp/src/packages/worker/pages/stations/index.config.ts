export default definePageConfig({ navigationBarTitleText: '就业服务站' })
