import Taro from '@tarojs/taro'
import type { KeyValueStorage } from './tokens'

/** Taro sync storage (wx storage on weapp, localStorage on H5) behind the injectable interface. */
export const taroStorage: KeyValueStorage = {
  get(key) {
    const v = Taro.getStorageSync(key)
    return typeof v === 'string' ? v : v == null || v === '' ? null : String(v)
  },
  set(key, value) {
    Taro.setStorageSync(key, value)
  },
  remove(key) {
    Taro.removeStorageSync(key)
  },
}

export function readJson<T>(key: string): T | null {
  try {
    const raw = taroStorage.get(key)
    return raw ? (JSON.parse(raw) as T) : null
  } catch {
    return null
  }
}

export function writeJson(key: string, value: unknown): void {
  try {
    taroStorage.set(key, JSON.stringify(value))
  } catch {
    // storage full / unavailable: the app still works for this session
  }
}
