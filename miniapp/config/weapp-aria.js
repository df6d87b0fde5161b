// Taro 4's WeChat templates do not bind aria-* on <view>, so `ariaRole` / `ariaLabel` never reached the
// screen reader. Add both attributes to View's template; src/app.tsx adds the same two keys to the
// runtime's component list (same order), so the prop aliases the template uses match at run time.
const ARIA = { 'aria-role': '', 'aria-label': '' }

module.exports = () => {
  if (process.env.TARO_ENV !== 'weapp') return
  const { internalComponents } = require('@tarojs/shared/dist/template')
  Object.assign(internalComponents.View, ARIA)
}
