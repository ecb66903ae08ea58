//! Write transactions: commit on success, roll back explicitly on error.
//!
//! A transaction merely dropped on an early `return` only queues its rollback, leaving the
//! connection "idle in transaction" and holding locks until it is next used.

use crate::{Store, StoreResult};
use sea_orm::{DatabaseTransaction, TransactionTrait};

impl Store {
    pub(crate) async fn write_txn<T>(
        &self,
        work: impl AsyncFnOnce(&DatabaseTransaction) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let txn = self.write.begin().await?;
        match work(&txn).await {
            Ok(value) => {
                txn.commit().await?;
                Ok(value)
            }
            Err(e) => {
                if let Err(rollback) = txn.rollback().await {
                    tracing::warn!(error = %rollback, "rollback failed");
                }
                Err(e)
            }
        }
    }
}
