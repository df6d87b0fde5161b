import { clearPersonalData, KEEP_AFTER_LOGOUT, personalKeys } from '../src/services/local-data'
import { ACCESS_KEY, createMemoryStorage, createTokenStore, REFRESH_KEY } from '../src/services/tokens'

// The keys the app writes today (grep "'dj." in miniapp/src); a new one is personal unless kept on purpose.
const APP_KEYS = [ACCESS_KEY, REFRESH_KEY, 'dj.user', 'dj.policy.answers', 'dj.gigs.place', 'dj.elderMode', 'dj.privacyConsent']

describe('logout clears every locally stored answer', () => {
  it('removes tokens, the user, policy-calculator answers and the chosen district; keeps elder mode and the privacy answer', () => {
    expect(personalKeys(APP_KEYS).sort()).toEqual([ACCESS_KEY, REFRESH_KEY, 'dj.gigs.place', 'dj.policy.answers', 'dj.user'].sort())
    expect(KEEP_AFTER_LOGOUT).toEqual(['dj.elderMode', 'dj.privacyConsent'])
  })

  it('treats keys added later (drafts, cached lists) as personal, and leaves other apps\' keys alone', () => {
    expect(personalKeys(['dj.registration.draft', 'dj.cache.myGigs', 'taro-router-state'])).toEqual(['dj.registration.draft', 'dj.cache.myGigs'])
  })

  it('clears a storage after a token store logout, leaving only the preferences', () => {
    const storage = createMemoryStorage({ 'dj.user': '{"id":"1"}', 'dj.policy.answers': '{"difficulty":["残疾"]}', 'dj.gigs.place': '{}', 'dj.elderMode': '1', 'dj.privacyConsent': 'agreed' })
    const tokens = createTokenStore(storage)
    tokens.set({ accessToken: 'a', refreshToken: 'r' })
    tokens.clear()
    const removed = clearPersonalData(storage, Object.keys(storage.dump()))
    expect(removed.sort()).toEqual(['dj.gigs.place', 'dj.policy.answers', 'dj.user'])
    expect(storage.dump()).toEqual({ 'dj.elderMode': '1', 'dj.privacyConsent': 'agreed' })
  })
})
