export default definePageConfig({ navigationBarTitleText: '岗位与投递', enablePullDownRefresh: true })
