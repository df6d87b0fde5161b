export default definePageConfig({ navigationBarTitleText: '接活意向' })
