//! Uploaded files: accepted kinds recognised by their bytes, size limits. (Being written.)
