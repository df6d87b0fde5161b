export default definePageConfig({ navigationBarTitleText: '失业保险金', enablePullDownRefresh: true })
