//! Dates as Japanese people write them (西暦 and 和暦). (Being written.)
