/**
 * Common English words that say nothing about a topic. They are left out when the summarizer
 * counts how often a text mentions something, so that "the" never makes a sentence important.
 */
export const stopWords: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before being
  below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
  during each either else ever every few for from further had hadn't has hasn't have haven't having he her
  here hers herself him himself his how however i if in into is isn't it it's its itself just let's many
  may me might more most much must mustn't my myself neither no nor not now of off often on once only or
  other ought our ours ourselves out over own quite rather same say said says shall she should shouldn't
  since so some such than that that's the their theirs them themselves then there there's these they this
  those though through thus to too under until up upon us very via was wasn't we were weren't what what's
  when where which while who whom whose why will with within without won't would wouldn't yet you your
  yours yourself yourselves`.split(/\s+/),
);
