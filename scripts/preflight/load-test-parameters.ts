// Names of the load-test range's SSM parameters (read by the API at cold start under /movement-pass/).
export const LOAD_TEST_RANGE_PARAMETER = '/movement-pass/config/load-test-range';
export const LOAD_TEST_KEYS_PARAMETER = '/movement-pass/keys/load-test';

export const isLoadTestSettingOn = (value: string | undefined) => value?.trim().toLowerCase() === 'on';
