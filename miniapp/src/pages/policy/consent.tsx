// The separate consent before a policy application carrying 困难类别 answers. Its own module: only the
// worker subpackage's pages ask it, so it stays out of the main package.
import { Text, View } from '@tarojs/components'
import type { PersonFacts } from '@doorstep/shared'
import { POLICY_HARDSHIP_CONSENT } from '@doorstep/shared/src/data/consents'
import './policy.css'

/** Answers naming 困难类别 go with an application only after the separate POLICY_HARDSHIP_CONSENT. */
export const hasHardship = (a: PersonFacts | undefined) => Boolean(a?.difficulty?.length)

/** The separate consent shown before an application with 困难类别 answers is submitted. */
export function HardshipConsent({ id, on, onChange }: { id: string; on: boolean; onChange: (v: boolean) => void }) {
  return (
    <View className='card' id={id}>
      <Text className='pol-h txt-lg'>{POLICY_HARDSHIP_CONSENT.title}</Text>
      <Text className='consent-box txt-md'>{POLICY_HARDSHIP_CONSENT.text}</Text>
      <View id={`${id}-check`} className='pol-check' onClick={() => onChange(!on)} ariaRole='checkbox' ariaLabel={`${POLICY_HARDSHIP_CONSENT.checkbox}${on ? '，已勾选' : '，未勾选'}`}>
        <Text className={`pol-check__box txt-md ${on ? 'pol-check__box--on' : ''}`}>{on ? '✓' : ''}</Text>
        <Text className='txt-lg'>{POLICY_HARDSHIP_CONSENT.checkbox}</Text>
      </View>
    </View>
  )
}

