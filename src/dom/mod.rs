//! DOM layer: reading text from a DOM subtree and painting highlights over it.
