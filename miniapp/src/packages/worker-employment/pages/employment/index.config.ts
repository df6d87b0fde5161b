export default definePageConfig({ navigationBarTitleText: '就业登记', enablePullDownRefresh: true })
