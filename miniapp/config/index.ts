import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'
import { normaliseApiBase, releaseProblems } from './release'

// Taro 4 config, written by hand (taro init is not available offline).
// Docs: https://docs.taro.zone/docs/config-detail
export default defineConfig<'webpack5'>(async (merge) => {
  const taroEnv = process.env.TARO_ENV || 'weapp'

  // H5 is served by the BFF on the same origin, so relative URLs are right.
  // The mini-program needs an absolute URL (must be an https legal domain in production).
  // A release build (`npm run release:weapp`, WEAPP_RELEASE=1) refuses anything a phone cannot call, and
  // an appid that cannot log in, before compiling anything. Dev builds keep the local default.
  const release = taroEnv === 'weapp' && process.env.WEAPP_RELEASE === '1'
  if (release) {
    const problems = releaseProblems(process.env)
    if (problems.length) {
      throw new Error(`Release build of the WeChat mini-program refused:\n  - ${problems.join('\n  - ')}\nSee README → Releasing to WeChat.`)
    }
  }
  const apiBase = taroEnv === 'h5' ? '' : normaliseApiBase(process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000')

  // The sibling workspace package resolves (via the node_modules symlink) to real .ts files
  // outside this project; let Taro's babel pipeline compile them if a value is ever imported.
  const sharedSrc = path.resolve(__dirname, '../../shared/src')

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'doorstep-jobs',
    date: '2025-01-01',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    // Taro's mini-program terser default is ascii_only: every Chinese character becomes a 6-byte \uXXXX
    // escape. WeChat reads UTF-8 sources, so keep them as UTF-8 (3 bytes): about a third off each package.
    terser: { enable: true, config: { output: { ascii_only: false } } },
    sourceRoot: 'src',
    // TARO_OUTPUT_DIR lets parallel builds (e.g. separate e2e runs) write to their own folders.
    outputRoot: process.env.TARO_OUTPUT_DIR || `dist/${taroEnv}`,
    plugins: [path.resolve(__dirname, 'weapp-aria.js')],
    defineConstants: {
      API_BASE: JSON.stringify(apiBase),
    },
    // The map marker icon (GigMap.weapp.tsx) must be a file in the package: <map> takes no data URL.
    copy: { patterns: taroEnv === 'weapp' ? [{ from: 'src/assets/map/', to: `${process.env.TARO_OUTPUT_DIR || `dist/${taroEnv}`}/assets/map/` }] : [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      compile: { include: [sharedSrc] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedSrc] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        // React + Taro runtime alone is ~390 KB minified; keep webpack's 244 KB hint from drowning real warnings.
        chain.performance.maxAssetSize(512 * 1024).maxEntrypointSize(640 * 1024)
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
