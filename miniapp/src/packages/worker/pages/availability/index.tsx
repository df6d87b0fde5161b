import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { HOME_LOCATION_CONSENT } from '@doorstep/shared/src/data/consents'
import PageShell from '../../../../components/PageShell'
import { useSession } from '../../../../store/session'
import { fieldErrors, gigApi, type AvailabilityView, type LatLng, type RegionList } from '../../../../pages/gigs/api'
import { GIG_CATEGORIES, ratingText } from '../../../../pages/gigs/format'
import { Check, Chip, FieldError, Switch, WorkerOnly } from '../../../../pages/gigs/ui'
import { currentFix } from '../../../../pages/gigs/fix'
import { refusalHint } from '../../../../pages/gigs/place'
import type { GigCategory } from '@doorstep/shared'
import { taps } from '../../../../services/subscribe'

const MAX_CATEGORIES = 5
/** 灵活就业人员承诺制登记: the worker's own pledge replaces documents. */
const PLEDGE = '本人自愿登记为灵活就业人员，承诺：所填信息真实；接活后按约定到岗，去不了提前取消；遵守用工方的安全要求；如有不实，愿意承担相应责任。'

/** 今天能干活 switch, preferred trades, home area and 银龄: the commitment-based flexible-worker registration. */
export default function Availability() {
  const { loggedIn, user } = useSession()
  const isWorker = loggedIn && user?.activeRole === 'worker'
  const [view, setView] = useState<AvailabilityView | null>(null)
  const [regions, setRegions] = useState<RegionList | null>(null)
  const [availableToday, setAvailable] = useState(true)
  const [categories, setCategories] = useState<GigCategory[]>([])
  const [homeDistrict, setHomeDistrict] = useState<string | null>(null)
  const [home, setHome] = useState<LatLng | null>(null)
  const [elder, setElder] = useState(false)
  const [agreed, setAgreed] = useState(false)
  /** The separate consent to keep a home location, ticked here; sent with the save, which records it. */
  const [homeConsentTicked, setHomeConsentTicked] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  useDidShow(() => {
    if (!isWorker) return
    gigApi.regions({ silent: true }).then(setRegions).catch(() => {})
    gigApi
      .availability()
      .then((v) => {
        setView(v)
        if (v.registered) {
          setAvailable(v.availableToday)
          setCategories(v.categories)
          setHomeDistrict(v.homeDistrict)
          setHome(v.homeDistrict ? null : v.home)
          setElder(v.elder)
          setAgreed(true)
        }
      })
      .catch(() => {})
  })

  const toggleCategory = (c: GigCategory) => {
    setErrors((e) => ({ ...e, categories: '' }))
    if (categories.includes(c)) setCategories(categories.filter((x) => x !== c))
    else if (categories.length < MAX_CATEGORIES) setCategories([...categories, c])
    else setErrors((e) => ({ ...e, categories: `最多选 ${MAX_CATEGORIES} 个` }))
  }

  const useMyLocation = async () => {
    // GCJ-02 on every build (fix.ts converts the browser's WGS-84 fix on H5).
    const fix = await currentFix()
    if (fix.ok) {
      setHome(fix.at)
      setHomeDistrict(null)
      setErrors((e) => ({ ...e, home: '', homeDistrict: '' }))
    } else {
      setErrors((e) => ({ ...e, home: `没有拿到位置。${refusalHint(fix.why)}` }))
    }
  }

  const homeConsented = homeConsentTicked || view?.homeLocationConsent?.version === HOME_LOCATION_CONSENT.version

  // Saving with 今天能干活 on asks for 订阅消息 first (synchronously, as WeChat requires).
  const save = () => (busy || !agreed || !availableToday ? saveNow() : taps.availabilityOn(saveNow))
  const saveNow = async () => {
    if (busy) return
    if (!agreed) {
      setErrors({ commitmentAgreed: '请先勾选本人承诺' })
      return
    }
    setBusy(true)
    try {
      // Without the consent no home is kept (one saved before the consent existed is removed).
      const keep = homeConsented ? { homeDistrict, home: homeDistrict ? null : home } : { homeDistrict: null, home: null }
      const v = await gigApi.setAvailability(
        { availableToday, categories, ...keep, elder, commitmentAgreed: true, ...((keep.homeDistrict || keep.home) && homeConsentTicked ? { sensitiveConsentVersion: HOME_LOCATION_CONSENT.version } : {}) },
        { silent: true },
      )
      setView(v)
      setErrors({})
      Taro.showToast({ title: availableToday ? '已保存：附近有急活会发到「消息」' : '已保存', icon: 'none', duration: 2500 })
    } catch (err) {
      const fe = fieldErrors(err)
      setErrors(Object.keys(fe).length ? fe : { form: (err as Error).message })
    } finally {
      setBusy(false)
    }
  }

  if (!loggedIn || !isWorker) return <WorkerOnly loggedIn={loggedIn} loginTitle='登录后设置接活意向' switchTitle='切换到“我要找活”后设置' />

  return (
    <PageShell>
      {view?.registered ? (
        <Text className='ok-box txt-md' id='avail-registered'>
          已登记为灵活就业人员（{view.registeredAt?.slice(0, 10)}）。老板评价：{ratingText(view.rating)}
        </Text>
      ) : (
        <Text className='notice txt-md'>登记一下，附近有和你意向相符的急活（即时快招）时，会发到「消息」里；允许微信提醒的会收到微信，收不到微信时发短信（晚 10 点到早 7 点不发）。不用交材料，本人承诺即可。</Text>
      )}

      <View className='card'>
        <Switch id='avail-today' label='今天能干活' desc='打开后，附近有急活会发到「消息」并提醒你（每天最多几条，不打扰）' on={availableToday} onChange={setAvailable} />
      </View>

      <View className='card'>
        <Text className='block-title txt-lg'>想干哪些活（最多 {MAX_CATEGORIES} 个）</Text>
        <View className='chips' id='avail-categories'>
          {GIG_CATEGORIES.map((c) => (
            <Chip key={c} id={`avail-cat-${c}`} on={categories.includes(c)} onClick={() => toggleCategory(c)}>
              {c}
            </Chip>
          ))}
        </View>
        <FieldError id='avail-categories-error' msg={errors.categories} />
      </View>

      <View className='card'>
        <Text className='block-title txt-lg'>常住在哪个区</Text>
        <Text className='gig-hint txt-sm'>用来找离你近的活；只记到区，或者用你现在的位置。</Text>
        {!view?.homeLocationConsent || view.homeLocationConsent.version !== HOME_LOCATION_CONSENT.version ? (
          <View id='avail-home-consent'>
            <Text className='consent-box txt-md'>{HOME_LOCATION_CONSENT.text}</Text>
            {view?.homeDistrict || view?.home ? <Text className='gig-hint txt-sm'>你以前填过常住地：不勾选同意的话，保存时会删除。</Text> : null}
            <Check
              id='avail-home-consent-check'
              on={homeConsentTicked}
              onChange={(v) => {
                setHomeConsentTicked(v)
                setErrors((e) => ({ ...e, home: '', homeDistrict: '' }))
                // Without the consent no home is kept: the choice is cleared.
                if (!v) {
                  setHomeDistrict(null)
                  setHome(null)
                }
              }}
            >
              {HOME_LOCATION_CONSENT.checkbox}
            </Check>
          </View>
        ) : null}
        {homeConsented ? (
          <View className='chips' id='avail-district'>
            {regions?.districts.map((d) => (
              <Chip
                key={d.code}
                id={`avail-district-${d.code}`}
                on={homeDistrict === d.code}
                onClick={() => {
                  setHomeDistrict(d.code)
                  setHome(null)
                }}
              >
                {d.name}
              </Chip>
            ))}
            <Chip id='avail-use-location' on={!homeDistrict && !!home} onClick={useMyLocation}>
              {!homeDistrict && home ? '已用我的位置' : '用我现在的位置'}
            </Chip>
          </View>
        ) : null}
        <FieldError id='avail-home-error' msg={errors.homeDistrict || errors.home} />
      </View>

      <View className='card'>
        <Switch id='avail-elder' label='我是银龄劳动者' desc='60 岁左右还想干点活？打开后优先给你看适合银龄的活' on={elder} onChange={setElder} />
      </View>

      <View className='card'>
        <Text className='block-title txt-lg'>本人承诺</Text>
        <Text className='pledge txt-md'>{PLEDGE}</Text>
        <Check id='avail-agree' on={agreed} onChange={(v) => { setAgreed(v); setErrors((e) => ({ ...e, commitmentAgreed: '' })) }}>
          我已阅读并承诺
        </Check>
        <FieldError id='avail-agree-error' msg={errors.commitmentAgreed} />
        <FieldError id='avail-form-error' msg={errors.form} />
        <Button id='avail-save' className='btn btn-primary' loading={busy || undefined} onClick={save}>
          {view?.registered ? '保存' : '登记并保存'}
        </Button>
      </View>
    </PageShell>
  )
}
