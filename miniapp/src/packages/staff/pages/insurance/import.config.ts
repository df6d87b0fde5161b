export default definePageConfig({ navigationBarTitleText: '导入发放记录' })
