/**
 * Common English words that say nothing about a topic. They are left out of the index and of
 * queries, so that "what is the retry hint" searches for `retry` and `hint` only.
 */
export const stopWords: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before being
  below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
  during each either else ever every few for from further had hadn't has hasn't have haven't having he her
  here hers herself him himself his how however i if in into is isn't it it's its itself just let's many
  may me might more most much must mustn't my myself neither no nor not now of off often on once only or
  other ought our ours ourselves out over own quite rather same shall shan't she should shouldn't since so
  some such than that that's the their theirs them themselves then there there's these they this those
  though through thus to too under until up upon us very via was wasn't we were weren't what what's when
  where which while who whom whose why will with within without won't would wouldn't yet you your yours
  yourself yourselves`.split(/\s+/),
);

/**
 * Words that ask for something rather than name it ("find what the docs say about X and
 * summarize it", "how does X work"). A question made only of these and stop words is too vague to search; in a
 * question that also names a topic they are dropped, so they do not pull in every passage that
 * happens to say "find" or "docs".
 */
export const requestWords: ReadonlySet<string> = new Set(
  `anything answer ask show docs doc document documents documentation describe detail details everything
  explain explained explanation find give guide hello help hey hi info information know learn let look
  lookup mean means need please question read say says said search see something stuff summarise
  summarize summary tell thanks thank thing things want wants wiki work works write`.split(/\s+/),
);
