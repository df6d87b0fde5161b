export default definePageConfig({ navigationBarTitleText: '服务建设中' })
