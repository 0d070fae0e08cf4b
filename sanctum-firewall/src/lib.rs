//! Sanctum's pure decision logic. No I/O except what callers inject.
