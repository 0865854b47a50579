import { Issues } from './domain-error';
import { parseTags } from './tags';

describe('parseTags', () => {
  it('refuses "__proto__" as a key instead of dropping the tag without a word', () => {
    const issues = new Issues();
    parseTags(JSON.parse('{"__proto__": "x", "team": "ml"}'), 'tags', issues);
    expect(issues.list).toEqual([{ path: 'tags.__proto__', message: expect.stringMatching(/__proto__/) }]);
  });

  it('keeps keys that merely look like object internals', () => {
    const issues = new Issues();
    expect(parseTags({ constructor: 'a', toString: 'b', hasOwnProperty: 'c' }, 'tags', issues)).toEqual({ constructor: 'a', toString: 'b', hasOwnProperty: 'c' });
    expect(issues.list).toEqual([]);
  });
});
