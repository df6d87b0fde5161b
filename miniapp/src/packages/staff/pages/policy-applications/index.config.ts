export default definePageConfig({ navigationBarTitleText: '政策申请待办' })
