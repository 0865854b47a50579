// Moved to libs/config (the agent parses its settings without loading libs/infra).
export { boolSetting, intSetting, stringSetting, urlSetting, type Env } from '@sg/config';
