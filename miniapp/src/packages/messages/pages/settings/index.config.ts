export default definePageConfig({ navigationBarTitleText: '短信提醒设置' })
