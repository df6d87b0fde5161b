export default definePageConfig({ navigationBarTitleText: '我发布的零工', enablePullDownRefresh: true })
