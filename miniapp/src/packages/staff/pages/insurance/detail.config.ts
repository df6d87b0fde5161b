export default definePageConfig({ navigationBarTitleText: '失业保险金申领' })
