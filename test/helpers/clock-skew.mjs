// Preload for `node --import`: moves this process's wall clock forward by CLOCK_SKEW_MS
// milliseconds (default one hour), as on a host whose clock is wrong. It shifts Date.now(),
// `new Date()`, `Date()` and performance.timeOrigin. Monotonic clocks (performance.now(),
// process.hrtime) keep running as they are, because a wrong wall clock does not change them.

const skewMs = Number(process.env.CLOCK_SKEW_MS ?? 3_600_000)
if (!Number.isFinite(skewMs)) throw new Error(`CLOCK_SKEW_MS must be a number of milliseconds, got ${process.env.CLOCK_SKEW_MS}`)

const RealDate = Date
const realNow = RealDate.now.bind(RealDate)

// A plain function that returns real Date objects and shares Date.prototype, so `instanceof Date`
// holds for dates made before and after this file ran.
function SkewedDate(...args) {
  // `Date()` called without `new` returns the current time as a string.
  if (new.target === undefined) return new RealDate(realNow() + skewMs).toString()
  return args.length === 0 ? new RealDate(realNow() + skewMs) : new RealDate(...args)
}
SkewedDate.prototype = RealDate.prototype
SkewedDate.now = () => realNow() + skewMs
SkewedDate.parse = RealDate.parse
SkewedDate.UTC = RealDate.UTC
globalThis.Date = SkewedDate

const timeOrigin = performance.timeOrigin + skewMs
Object.defineProperty(performance, 'timeOrigin', { get: () => timeOrigin, configurable: true })
