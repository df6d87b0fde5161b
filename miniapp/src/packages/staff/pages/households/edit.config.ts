export default definePageConfig({ navigationBarTitleText: '家庭详情' })
