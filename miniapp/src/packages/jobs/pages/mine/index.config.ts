export default definePageConfig({ navigationBarTitleText: '我的求职', enablePullDownRefresh: true })
