import { taroStorage } from '../services/storage'
import { createStore } from './createStore'

const KEY = 'dj.elderMode'

/** 长辈模式: larger type app-wide, persisted across launches. */
export const elderStore = createStore({ enabled: safeRead() })

function safeRead(): boolean {
  try {
    return taroStorage.get(KEY) === '1'
  } catch {
    return false
  }
}

export function setElderMode(enabled: boolean): void {
  taroStorage.set(KEY, enabled ? '1' : '0')
  elderStore.set({ enabled })
}

export const useElderMode = () => elderStore.use().enabled
