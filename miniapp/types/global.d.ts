/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.css'

/** Build-time constant (config/index.ts defineConstants): API origin, '' on H5 (same origin). */
declare const API_BASE: string

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'rn' | 'harmony'
    TARO_APP_API_BASE?: string
  }
}
