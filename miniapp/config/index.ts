import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

// Taro 4 config, written by hand (taro init is not available offline).
// Docs: https://docs.taro.zone/docs/config-detail
export default defineConfig<'webpack5'>(async (merge) => {
  const taroEnv = process.env.TARO_ENV || 'weapp'

  // H5 is served by the BFF on the same origin, so relative URLs are right.
  // The mini-program needs an absolute URL (must be an https legal domain in production).
  const apiBase = taroEnv === 'h5' ? '' : process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000'

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
    sourceRoot: 'src',
    // TARO_OUTPUT_DIR lets parallel builds (e.g. separate e2e runs) write to their own folders.
    outputRoot: process.env.TARO_OUTPUT_DIR || `dist/${taroEnv}`,
    plugins: [path.resolve(__dirname, 'weapp-aria.js')],
    defineConstants: {
      API_BASE: JSON.stringify(apiBase),
    },
    copy: { patterns: [], options: {} },
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
