export default definePageConfig({ navigationBarTitleText: '电子登记凭证' })
