export default definePageConfig({ navigationBarTitleText: '我的政策申请' })
