import nodeFs from 'node:fs';

/**
 * Records which paths the walk reads content from: `openSync` maps a file
 * descriptor to its path, `readSync` marks it read. Call `restore()` after.
 */
export function trackReads() {
  const pathsByFd = new Map<number, string>();
  const read = new Set<string>();
  const realOpen = nodeFs.openSync;
  const realRead = nodeFs.readSync;
  const open = jest.spyOn(nodeFs, 'openSync').mockImplementation(((...args: Parameters<typeof realOpen>) => {
    const fd = realOpen(...args);
    pathsByFd.set(fd, String(args[0]));
    return fd;
  }) as typeof realOpen);
  const readSpy = jest.spyOn(nodeFs, 'readSync').mockImplementation(((fd: number, ...rest: unknown[]) => {
    const path = pathsByFd.get(fd);
    if (path) read.add(path);
    return (realRead as (...a: unknown[]) => number)(fd, ...rest);
  }) as typeof realRead);
  return {
    read: () => [...read],
    restore() {
      open.mockRestore();
      readSpy.mockRestore();
    },
  };
}
