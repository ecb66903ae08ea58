//! Files in a directory on the local (or a shared, NFS-mounted) disk.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::{BoxFuture, FileError, FileStore, Result, Stored, check_key, random_hex};

/// Files under `root`, one per key (`root/documents/3f/a2/3fa2….pdf`).
///
/// Files are created 0o640 and directories 0o750 (less if the umask says so): member and
/// officer lists must not be readable by other accounts on the machine. The root and the
/// shard directories are created as needed.
///
/// A put writes `<name>~<random>.tmp` next to the final file and renames it into place. `~`
/// cannot occur in a key, so a temp file is never served. A crash mid-write can leave such
/// temp files behind; they are safe to delete whenever no upload is running.
#[derive(Debug, Clone)]
pub struct LocalFiles {
    root: PathBuf,
}

impl LocalFiles {
    /// Touches nothing on disk until the first put; relative roots are taken from the
    /// working directory.
    pub fn new(root: PathBuf) -> Self {
        Self { root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A checked key has no `..`, no `.`, no empty segment and no leading `/`, so joining it
    /// cannot leave `root`.
    fn path_of(&self, key: &str) -> Result<PathBuf> {
        check_key(key)?;
        Ok(self.root.join(key))
    }
}

/// File work is blocking; run it off the async workers. Hashing 10 MiB also takes long
/// enough (tens of ms) that it belongs there too.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| FileError::Io(io::Error::other(e)))?
}

impl FileStore for LocalFiles {
    fn put<'a>(&'a self, key: &'a str, bytes: Vec<u8>) -> BoxFuture<'a, Result<Stored>> {
        Box::pin(async move {
            let path = self.path_of(key)?;
            let key = key.to_owned();
            blocking(move || {
                write_atomically(&path, &bytes)?;
                Ok(Stored::of(&key, &bytes))
            })
            .await
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Vec<u8>>>> {
        Box::pin(async move {
            let path = self.path_of(key)?;
            blocking(move || match fs::read(&path) {
                Ok(bytes) => Ok(Some(bytes)),
                Err(e) if is_absent(&e) => Ok(None),
                Err(e) => Err(e.into()),
            })
            .await
        })
    }

    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            let path = self.path_of(key)?;
            // Emptied shard directories are left in place: removing them would race with a
            // concurrent put that has just created them.
            blocking(move || match fs::remove_file(&path) {
                Ok(()) => Ok(()),
                Err(e) if is_absent(&e) => Ok(()),
                Err(e) => Err(e.into()),
            })
            .await
        })
    }

    fn describe(&self) -> String {
        format!("local files in {}", self.root.display())
    }
}

/// A key whose path runs through a file (`a` stored, `a/b` asked for) or ends at a shard
/// directory has nothing stored under it; that is not a broken disk.
fn is_absent(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory | io::ErrorKind::IsADirectory
    )
}

fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .expect("a key joined to the root has a parent");
    let name = path
        .file_name()
        .expect("a checked key ends in a file name")
        .to_string_lossy();
    create_dirs(dir)?;
    let tmp = dir.join(format!("{name}~{}.tmp", random_hex(8)));
    let written = write_new(&tmp, bytes).and_then(|()| fs::rename(&tmp, path));
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    // The rename is only durable once the directory entry is on disk. The file's data
    // already is, so a failure here (some network filesystems refuse fsync on directories)
    // is worth a warning rather than a failed upload.
    if let Err(e) = sync_dir(dir) {
        tracing::warn!(dir = %dir.display(), error = %e, "could not sync the directory after storing a file");
    }
    Ok(())
}

fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o640);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    // Without this a crash after the rename could leave the final name pointing at an empty
    // or partial file on some filesystems (ext4 with delalloc, XFS).
    file.sync_all()
}

fn create_dirs(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o750);
    builder.create(dir)
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::new_key;
    use std::sync::Arc;

    fn store() -> (tempfile::TempDir, LocalFiles) {
        let dir = tempfile::tempdir().unwrap();
        let files = LocalFiles::new(dir.path().join("files"));
        (dir, files)
    }

    fn all_files(root: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    out.push(path);
                }
            }
        }
        out
    }

    #[tokio::test]
    async fn put_get_delete_round_trip() {
        let (_dir, files) = store();
        let key = new_key("documents", "pdf");
        let stored = files.put(&key, b"hiroba".to_vec()).await.unwrap();
        assert_eq!(stored.key, key);
        assert_eq!(stored.size, 6);
        assert_eq!(
            stored.sha256,
            "a9f4ba54891ff3645145c85902a0041d6b21a11d0ef5116a2730b0c347a425a9"
        );
        assert!(files.root().join(&key).is_file());
        assert_eq!(
            files.get(&key).await.unwrap().as_deref(),
            Some(&b"hiroba"[..])
        );

        files.delete(&key).await.unwrap();
        assert_eq!(files.get(&key).await.unwrap(), None);
        files.delete(&key).await.unwrap();
    }

    #[tokio::test]
    async fn usable_as_a_shared_trait_object() {
        let (_dir, files) = store();
        let shared: Arc<dyn FileStore> = Arc::new(files);
        assert!(shared.describe().starts_with("local files in "));
        assert!(shared.describe().ends_with("files"));
        shared.put("logos/a.png", vec![1, 2, 3]).await.unwrap();
        assert_eq!(
            shared.get("logos/a.png").await.unwrap(),
            Some(vec![1, 2, 3])
        );
    }

    #[tokio::test]
    async fn overwrite_replaces_the_content() {
        let (_dir, files) = store();
        files
            .put("x/y.pdf", b"first version".to_vec())
            .await
            .unwrap();
        let second = files.put("x/y.pdf", b"second".to_vec()).await.unwrap();
        assert_eq!(second.size, 6);
        assert_eq!(
            files.get("x/y.pdf").await.unwrap(),
            Some(b"second".to_vec())
        );
    }

    #[tokio::test]
    async fn empty_files_are_stored_as_such() {
        let (_dir, files) = store();
        let stored = files.put("empty.pdf", Vec::new()).await.unwrap();
        assert_eq!(stored.size, 0);
        assert_eq!(files.get("empty.pdf").await.unwrap(), Some(Vec::new()));
    }

    #[tokio::test]
    async fn missing_files_read_as_none() {
        let (_dir, files) = store();
        assert_eq!(files.get("documents/00/00/none.pdf").await.unwrap(), None);
        files.put("a.pdf", b"x".to_vec()).await.unwrap();
        assert_eq!(files.get("a.pdf/b.pdf").await.unwrap(), None);
        files.delete("a.pdf/b.pdf").await.unwrap();
        files.put("s/t/u.pdf", b"x".to_vec()).await.unwrap();
        assert_eq!(files.get("s/t").await.unwrap(), None, "a shard directory");
    }

    #[tokio::test]
    async fn bad_keys_are_refused_before_touching_the_disk() {
        let (dir, files) = store();
        for key in [
            "../x",
            "/abs",
            "a//b",
            "A.PDF",
            "a/./b",
            "a/../../escape.pdf",
        ] {
            let put = files.put(key, b"x".to_vec()).await;
            assert!(matches!(put, Err(FileError::InvalidKey(_))), "{key}");
            assert!(
                matches!(files.get(key).await, Err(FileError::InvalidKey(_))),
                "{key}"
            );
            assert!(
                matches!(files.delete(key).await, Err(FileError::InvalidKey(_))),
                "{key}"
            );
        }
        assert!(!files.root().exists());
        assert!(!dir.path().join("x").exists());
        assert!(!dir.path().join("escape.pdf").exists());
    }

    #[tokio::test]
    async fn concurrent_puts_of_different_keys() {
        let (_dir, files) = store();
        let files = Arc::new(files);
        let mut tasks = Vec::new();
        for i in 0..32u32 {
            let files = Arc::clone(&files);
            tasks.push(tokio::spawn(async move {
                // Few prefixes, so the tasks also race to create the same shard directories.
                let key = new_key(&format!("p{}", i % 2), "pdf");
                let body = format!("file {i}").into_bytes();
                files.put(&key, body.clone()).await.unwrap();
                (key, body)
            }));
        }
        for task in tasks {
            let (key, body) = task.await.unwrap();
            assert_eq!(files.get(&key).await.unwrap(), Some(body));
        }
        assert_eq!(all_files(files.root()).len(), 32);
    }

    #[tokio::test]
    async fn no_temp_files_remain() {
        let (_dir, files) = store();
        for _ in 0..5 {
            files.put("d/e.pdf", vec![7; 100_000]).await.unwrap();
        }
        let left = all_files(files.root());
        assert_eq!(left, vec![files.root().join("d/e.pdf")]);
    }

    #[tokio::test]
    async fn a_failed_put_leaves_nothing_behind() {
        let (_dir, files) = store();
        // A directory where the file should go makes the rename fail.
        fs::create_dir_all(files.root().join("d/e.pdf/inner")).unwrap();
        assert!(matches!(
            files.put("d/e.pdf", b"x".to_vec()).await,
            Err(FileError::Io(_))
        ));
        assert!(all_files(files.root()).is_empty());
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn files_are_not_world_readable() {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, files) = store();
        files.put("secret/list.pdf", b"x".to_vec()).await.unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&files.root().join("secret/list.pdf")) & !0o640, 0);
        assert_eq!(mode(&files.root().join("secret")) & 0o007, 0);
    }
}
