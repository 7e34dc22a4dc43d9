import { describe, expect, it } from 'vitest';
import { humanLogLine } from '../../../src/log-human.js';

describe('humanLogLine', () => {
  it.each([
    [
      '{"level":40,"time":"2026-11-22T02:00:05.123Z","run_id":"r1","feed":"bek","file":"贝尔康/a.csv","reason":"file is empty","msg":"unreadable file"}\n',
      '02:00:05 warn  unreadable file  feed=bek file=贝尔康/a.csv reason=file is empty\n',
    ],
    ['{"level":30,"time":"2026-11-22T02:00:06.000Z","stage":"load","ms":812,"msg":"stage finished"}\n', '02:00:06 info  stage finished  stage=load ms=812\n'],
    ['{"level":30,"time":"2026-11-22T02:00:07.000Z","rows":{"read":3},"msg":"file"}\n', '02:00:07 info  file  rows={"read":3}\n'],
    ['not json\n', 'not json\n'],
  ])('%s', (line, expected) => {
    expect(humanLogLine(line)).toBe(expected);
  });
});
