import { ConfigurationError, DEFAULT_DATABASE_URL, loadDatabaseConfig } from './database.config';

describe('loadDatabaseConfig', () => {
  it('uses the local development database when DATABASE_URL is not set', () => {
    expect(loadDatabaseConfig({})).toEqual({ url: DEFAULT_DATABASE_URL });
  });

  it('takes a postgres URL as given', () => {
    const url = 'postgresql://app:secret@db.internal:6432/security_groups?sslmode=require';
    expect(loadDatabaseConfig({ DATABASE_URL: ` ${url} ` })).toEqual({ url });
  });

  it.each([
    ['', /DATABASE_URL: is empty/],
    ['not a url', /DATABASE_URL: is not a URL/],
    ['mysql://root@localhost/app', /DATABASE_URL: has scheme "mysql"/],
    ['postgres://postgres@localhost:5432', /DATABASE_URL: names no database/],
    ['postgres://postgres@localhost:5432/', /DATABASE_URL: names no database/],
  ])('refuses %j, naming the setting', (value, message) => {
    const load = () => loadDatabaseConfig({ DATABASE_URL: value });
    expect(load).toThrow(ConfigurationError);
    expect(load).toThrow(message);
  });

  it('never repeats a password in its error', () => {
    expect(() => loadDatabaseConfig({ DATABASE_URL: 'postgres://app:hunter2@[bad/db' })).toThrow(
      expect.objectContaining({ setting: 'DATABASE_URL', message: expect.not.stringContaining('hunter2') }),
    );
  });
});
