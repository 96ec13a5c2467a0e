//! The typst world of a report: one source file in memory and the fonts bundled in the binary.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World};
use typst_kit::fonts::FontStore;

/// The fonts and the standard library, loaded once per process.
static FONTS: LazyLock<FontStore> = LazyLock::new(|| {
    let mut fonts = FontStore::new();
    fonts.extend(typst_kit::fonts::embedded());
    fonts
});
/// The standard library with the accessibility extras (`pdf.header-cell` for row headers).
static LIBRARY: LazyLock<LazyHash<Library>> =
    LazyLock::new(|| LazyHash::new(Library::builder().with_features([Feature::A11yExtras].into_iter().collect()).build()));

pub struct ReportWorld {
    main: FileId,
    source: Source,
}

impl ReportWorld {
    pub fn new(text: String) -> ReportWorld {
        let main = RootedPath::new(VirtualRoot::Project, VirtualPath::new("rapport.typ").expect("a valid path")).intern();
        ReportWorld { main, source: Source::new(main, text) }
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }
    fn book(&self) -> &LazyHash<FontBook> {
        FONTS.book()
    }
    fn main(&self) -> FileId {
        self.main
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main { Ok(self.source.clone()) } else { Err(FileError::AccessDenied) }
    }
    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        // Charts and the logo are inline in the markup; nothing is read from disk.
        Err(FileError::AccessDenied)
    }
    fn font(&self, index: usize) -> Option<Font> {
        FONTS.font(index)
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // The report never prints "today": its date comes from the data.
        None
    }
}
