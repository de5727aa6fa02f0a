import { FixtureGitRepo } from './fixtureGit';

jest.setTimeout(60_000);

describe('FixtureGitRepo', () => {
  let repo: FixtureGitRepo;

  beforeEach(async () => {
    repo = await FixtureGitRepo.create({ 'README.md': '# one\n' });
  });

  afterEach(async () => {
    await repo.remove();
  });

  it('resolves a ref once until a ref moves, sharing one answer between callers', async () => {
    const first = repo.resolve('main');
    expect(repo.resolve('main')).toBe(first);
    expect(await first).toMatch(/^[0-9a-f]{40}$/);
    expect(await repo.resolve('nope')).toBeUndefined();
    expect(await repo.resolve('-x')).toBeUndefined();
  });

  it('answers the new commit once a commit moves the branch', async () => {
    const before = await repo.resolve('main');
    const after = await repo.commit({ 'README.md': '# two\n' });
    expect(after).not.toBe(before);
    expect(await repo.resolve('main')).toBe(after);
    expect(await repo.resolve('HEAD')).toBe(after);
  });

  it('sees branches created, moved, switched to and deleted', async () => {
    const base = (await repo.resolve('main'))!;
    expect(await repo.resolve('feature')).toBeUndefined();
    await repo.branch('feature');
    expect(await repo.resolve('feature')).toBe(base);
    const onFeature = await repo.commit({ 'a.txt': 'a' });
    expect(await repo.resolve('feature')).toBe(onFeature);
    expect(await repo.resolve('main')).toBe(base);

    await repo.checkout('main');
    expect(await repo.resolve('HEAD')).toBe(base);

    await repo.setBranch('main', onFeature);
    expect(await repo.resolve('main')).toBe(onFeature);

    await repo.deleteBranch('feature');
    expect(await repo.resolve('feature')).toBeUndefined();
  });

  it('forgets a resolve that ran while a ref moved', async () => {
    const before = (await repo.resolve('main'))!;
    const moving = repo.commit({ 'README.md': '# three\n' });
    // Started while the commit runs: it may see either side.
    const during = repo.resolve('main');
    const after = await moving;
    expect([before, after]).toContain(await during);
    expect(await repo.resolve('main')).toBe(after);
  });
});
