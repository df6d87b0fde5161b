export default definePageConfig({ navigationBarTitleText: '全职兼职岗位', enablePullDownRefresh: true })
