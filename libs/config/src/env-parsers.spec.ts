import { ConfigurationError } from './configuration-error';
import { boolSetting, intSetting, stringSetting, urlSetting } from './env-parsers';

describe('env parsers', () => {
  it('fall back to the default when the setting is absent', () => {
    expect(intSetting({}, 'N', 7)).toBe(7);
    expect(boolSetting({}, 'B', true)).toBe(true);
    expect(urlSetting({}, 'U', 'http://x', ['http'])).toBe('http://x');
    expect(stringSetting({}, 'S', 'd')).toBe('d');
  });

  it('read what is given', () => {
    expect(intSetting({ N: ' 42 ' }, 'N', 7)).toBe(42);
    expect(boolSetting({ B: 'off' }, 'B', true)).toBe(false);
    expect(stringSetting({ S: 'abc' }, 'S', 'd', /^[a-c]+$/)).toBe('abc');
  });

  it.each([
    [() => intSetting({ N: '4.5' }, 'N', 7), /^N: must be a whole number/],
    [() => intSetting({ N: '9' }, 'N', 7, { max: 8 }), /^N: must be between 0 and 8/],
    [() => boolSetting({ B: 'perhaps' }, 'B', true), /^B: must be true or false/],
    [() => urlSetting({ U: 'ftp://x' }, 'U', 'http://x', ['http']), /^U: must use http/],
    [() => stringSetting({ S: 'abd' }, 'S', 'd', /^[a-c]+$/), /^S: has an unexpected form/],
  ])('stop with a ConfigurationError naming the setting (%#)', (read, message) => {
    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow(message);
  });
});
