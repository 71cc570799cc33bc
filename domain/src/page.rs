//! Page sizes for cursor pagination (GUIDE.md section 2).

pub const DEFAULT_PAGE_SIZE: u32 = 50;
pub const MAX_PAGE_SIZE: u32 = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("page_size must be between 1 and {MAX_PAGE_SIZE}")]
pub struct PageSizeError;

/// How many items one page holds: 1..=200, 50 when not asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageSize(u32);

impl PageSize {
    pub fn parse(requested: Option<u32>) -> Result<Self, PageSizeError> {
        match requested {
            None => Ok(PageSize(DEFAULT_PAGE_SIZE)),
            Some(n) if (1..=MAX_PAGE_SIZE).contains(&n) => Ok(PageSize(n)),
            Some(_) => Err(PageSizeError),
        }
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_bounds() {
        assert_eq!(PageSize::parse(None).unwrap().get(), 50);
        assert_eq!(PageSize::parse(Some(1)).unwrap().get(), 1);
        assert_eq!(PageSize::parse(Some(200)).unwrap().get(), 200);
        assert_eq!(PageSize::parse(Some(0)), Err(PageSizeError));
        assert_eq!(PageSize::parse(Some(201)), Err(PageSizeError));
    }
}
