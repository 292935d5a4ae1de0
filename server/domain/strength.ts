// How guessable a password is: zxcvbn with its common-password dictionary and keyboard graphs, loaded once, server side only.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

/** zxcvbn's 0-4 scale: 3 is "safely unguessable" for an online attack, what a staff account needs. */
export const MIN_SCORE = 3;
// zxcvbn's matching grows fast with length (200 digits took a second here): it judges the first 64 characters.
const JUDGED_LENGTH = 64;

let estimator: ZxcvbnFactory | undefined;
const zxcvbn = () => (estimator ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs, maxLength: JUDGED_LENGTH }));

/** 0-4; userInputs (username, name) count as words an attacker knows. */
export function passwordScore(password: string, userInputs: string[] = []): number {
  const inputs = userInputs.filter(Boolean).flatMap((s) => [s, ...s.split(/[\s._-]+/)]).filter((s) => s.length >= 2);
  return zxcvbn().check(password, inputs).score;
}

export const isStrongPassword = (password: string, userInputs: string[] = []) => passwordScore(password, userInputs) >= MIN_SCORE;
