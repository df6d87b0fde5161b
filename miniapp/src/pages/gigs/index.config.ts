export default definePageConfig({ navigationBarTitleText: '零工市场', enablePullDownRefresh: true })
