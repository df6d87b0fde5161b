export default definePageConfig({ navigationBarTitleText: '用人单位登记' })
