export * from './schemas/common';
export * from './schemas/zh-errors';
export * from './schemas/auth';
export * from './schemas/health';
export * from './rules/mask';
export * from './data/harbin';
