export default definePageConfig({ navigationBarTitleText: '招工管理', enablePullDownRefresh: true })
