export default definePageConfig({ navigationBarTitleText: '零就业家庭', enablePullDownRefresh: true })
