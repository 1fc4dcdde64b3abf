/**
 * The fixed word and phrase swaps of the deterministic rewriter, one table per style. Each entry
 * is `[phrase, replacement]`, matched as whole words, case-insensitively; an empty replacement
 * drops the phrase. Only swaps that are right wherever the phrase appears are listed: a word
 * whose meaning depends on its use (`purchase` the noun or the verb, `I'd` as "I would" or
 * "I had") is left alone rather than guessed at.
 */
export type PhraseTable = readonly (readonly [phrase: string, replacement: string])[];

/** Wordy phrases and their short forms (after Strunk & White and plainlanguage.gov). */
export const conciseTable: PhraseTable = [
  ['it is important to note that', ''],
  ['it should be noted that', ''],
  ['needless to say,', ''],
  ['as a matter of fact,', ''],
  ['due to the fact that', 'because'],
  ['owing to the fact that', 'because'],
  ['in spite of the fact that', 'although'],
  ['despite the fact that', 'although'],
  ['at this point in time', 'now'],
  ['at the present time', 'now'],
  ['in the event that', 'if'],
  ['in order to', 'to'],
  ['for the purpose of', 'for'],
  ['with regard to', 'about'],
  ['with respect to', 'about'],
  ['in relation to', 'about'],
  ['a large number of', 'many'],
  ['the majority of', 'most'],
  ['has the ability to', 'can'],
  ['is able to', 'can'],
  ['are able to', 'can'],
];

/** Formal or Latinate words and their plain equivalents, with the verb forms spelled out. */
export const plainTable: PhraseTable = [
  ...conciseTable.filter(([, replacement]) => replacement !== ''),
  ...verb(['utilize', 'utilizes', 'utilized', 'utilizing'], ['use', 'uses', 'used', 'using']),
  ...verb(['utilise', 'utilises', 'utilised', 'utilising'], ['use', 'uses', 'used', 'using']),
  ...verb(['commence', 'commences', 'commenced', 'commencing'], ['start', 'starts', 'started', 'starting']),
  ...verb(['initiate', 'initiates', 'initiated', 'initiating'], ['start', 'starts', 'started', 'starting']),
  ...verb(['terminate', 'terminates', 'terminated', 'terminating'], ['end', 'ends', 'ended', 'ending']),
  ...verb(['facilitate', 'facilitates', 'facilitated', 'facilitating'], ['help', 'helps', 'helped', 'helping']),
  ...verb(['assist', 'assists', 'assisted', 'assisting'], ['help', 'helps', 'helped', 'helping']),
  ...verb(['demonstrate', 'demonstrates', 'demonstrated', 'demonstrating'], ['show', 'shows', 'showed', 'showing']),
  ...verb(['obtain', 'obtains', 'obtained', 'obtaining'], ['get', 'gets', 'got', 'getting']),
  ...verb(['require', 'requires', 'required', 'requiring'], ['need', 'needs', 'needed', 'needing']),
  ...verb(['modify', 'modifies', 'modified', 'modifying'], ['change', 'changes', 'changed', 'changing']),
  ...verb(
    ['ascertain', 'ascertains', 'ascertained', 'ascertaining'],
    ['find out', 'finds out', 'found out', 'finding out'],
  ),
  ['utilization', 'use'],
  ['assistance', 'help'],
  ['approximately', 'about'],
  ['prior to', 'before'],
  ['subsequent to', 'after'],
  ['subsequently', 'later'],
  ['additionally', 'also'],
  ['consequently', 'so'],
  ['therefore', 'so'],
  ['nevertheless', 'still'],
  ['frequently', 'often'],
  ['numerous', 'many'],
  ['sufficient', 'enough'],
  ['regarding', 'about'],
  ['individuals', 'people'],
  ['optimal', 'best'],
  ['initial', 'first'],
  ['remainder', 'rest'],
  ['whilst', 'while'],
];

/** Contractions and casual words, and their formal forms. */
export const formalTable: PhraseTable = [
  ["won't", 'will not'],
  ["can't", 'cannot'],
  ["shan't", 'shall not'],
  ...[
    'do',
    'does',
    'did',
    'is',
    'are',
    'was',
    'were',
    'have',
    'has',
    'had',
    'would',
    'should',
    'could',
    'must',
    'need',
  ].map((word) => [`${word}n't`, `${word} not`] as const),
  ["I'm", 'I am'],
  ["let's", 'let us'],
  ...['you', 'we', 'they'].map((word) => [`${word}'re`, `${word} are`] as const),
  ...['I', 'you', 'we', 'they'].map((word) => [`${word}'ve`, `${word} have`] as const),
  ...['I', 'you', 'he', 'she', 'it', 'we', 'they', 'that', 'there'].map(
    (word) => [`${word}'ll`, `${word} will`] as const,
  ),
  // `'s` is "is", except before "been" or "got", where it is "has"; after a noun it is possessive.
  ...['it', 'that', 'there', 'what', 'here', 'where', 'who', 'he', 'she'].flatMap((word) => [
    [`${word}'s been`, `${word} has been`] as const,
    [`${word}'s got`, `${word} has`] as const,
    [`${word}'s`, `${word} is`] as const,
  ]),
  ['gonna', 'going to'],
  ['wanna', 'want to'],
  ['gotta', 'have to'],
  ['kinda', 'somewhat'],
  ['sorta', 'somewhat'],
  ['yeah', 'yes'],
  ['nope', 'no'],
  ['kids', 'children'],
];

function verb(forms: readonly string[], replacements: readonly string[]): [string, string][] {
  return forms.map((form, index) => [form, replacements[index] ?? replacements[0]!]);
}
