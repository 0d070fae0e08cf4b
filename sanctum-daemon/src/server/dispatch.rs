//! Answering one decoded request: the handshake rule, then one arm per request type.
//!
//! Pure with respect to the connection: it returns the reply and what the connection should
//! do next, and never touches the socket. Every arm answers; none can fail the daemon.
//! Review requests are answered by the sentinel's thread (awaited, so the runtime keeps
//! serving others); approvals and deletions first pass [`super::human::require_human`].

use sanctum_types::ipc::{ErrorCode, ErrorReply, Hello, HelloReply, Request, Response};
use sanctum_types::version::{PROTOCOL_VERSION, VERSION};

use crate::config::reload::{Trigger, reload};
use crate::sentinel::ReviewCommand;
use crate::server::human::require_human;
use crate::server::status;
use crate::state::State;

/// What the connection does after sending the reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Next {
    /// Wait for the next request.
    Continue,
    /// Close this connection.
    Close,
    /// Close this connection and stop the daemon.
    Shutdown,
}

/// Per-connection protocol state.
#[derive(Debug, Default)]
pub(crate) struct Session {
    /// Whether a compatible `hello` was received.
    pub greeted: bool,
    /// The peer's pid from `SO_PEERCRED`, when the kernel told.
    pub peer_pid: Option<u32>,
}

/// A typed error reply.
pub(crate) fn error_reply(code: ErrorCode, message: impl Into<String>) -> Response {
    Response::Error(ErrorReply {
        code,
        message: message.into(),
        protocol: None,
        version: None,
    })
}

/// The reply to `request` on a connection in `session`, and what to do next.
pub(crate) async fn answer(
    request: Request,
    session: &mut Session,
    state: &State,
) -> (Response, Next) {
    match request {
        Request::Hello(hello) => handshake(&hello, session, state),
        _ if !session.greeted => (
            error_reply(
                ErrorCode::HelloRequired,
                "the first request on a connection must be `hello`",
            ),
            Next::Close,
        ),
        Request::Ping => (Response::Pong, Next::Continue),
        Request::Status => (
            Response::Status(Box::new(status::report(state))),
            Next::Continue,
        ),
        Request::ReloadConfig => match reload(state, Trigger::Request) {
            Ok(_) => (
                Response::Reloaded {
                    config_path: state.config.path().to_path_buf(),
                },
                Next::Continue,
            ),
            Err(failure) => (
                error_reply(ErrorCode::ConfigInvalid, failure.message),
                Next::Continue,
            ),
        },
        Request::ReviewList => (review(state, ReviewCommand::List).await, Next::Continue),
        Request::ReviewShow { id } => {
            (review(state, ReviewCommand::Show(id)).await, Next::Continue)
        }
        Request::ReviewApprove { id } => {
            let reply = match require_human(state, &state.proc, session.peer_pid, "approve", &id) {
                Ok(()) => review(state, ReviewCommand::Approve(id)).await,
                Err(refusal) => refusal,
            };
            (reply, Next::Continue)
        }
        Request::ReviewDelete { id } => {
            let reply = match require_human(state, &state.proc, session.peer_pid, "delete", &id) {
                Ok(()) => review(state, ReviewCommand::Delete(id)).await,
                Err(refusal) => refusal,
            };
            (reply, Next::Continue)
        }
        Request::Shutdown => {
            tracing::info!("shutdown requested over the socket");
            (Response::ShuttingDown { pid: state.pid }, Next::Shutdown)
        }
        Request::Unknown => (
            error_reply(
                ErrorCode::UnknownRequest,
                format!("this daemon ({VERSION}) does not know that request type"),
            ),
            Next::Continue,
        ),
    }
}

/// Runs a review command on the sentinel's thread.
async fn review(state: &State, command: ReviewCommand) -> Response {
    state.sentinel.review(command).await.unwrap_or_else(|| {
        error_reply(
            ErrorCode::Unavailable,
            "the sentinel did not answer in time; see the daemon log and retry",
        )
    })
}

/// The version handshake: our identity, or `incompatible` (and close) on another protocol.
fn handshake(hello: &Hello, session: &mut Session, state: &State) -> (Response, Next) {
    if hello.protocol != PROTOCOL_VERSION {
        let reply = Response::Error(ErrorReply {
            code: ErrorCode::Incompatible,
            message: format!(
                "this daemon is {VERSION} (protocol {PROTOCOL_VERSION}); the client is {} \
                 (protocol {}): run `sanctum daemon restart`",
                hello.version, hello.protocol
            ),
            protocol: Some(PROTOCOL_VERSION),
            version: Some(VERSION.to_owned()),
        });
        return (reply, Next::Close);
    }
    session.greeted = true;
    let reply = Response::Hello(HelloReply {
        protocol: PROTOCOL_VERSION,
        version: VERSION.to_owned(),
        pid: state.pid,
    });
    (reply, Next::Continue)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::test_state;

    fn code(response: &Response) -> Option<ErrorCode> {
        match response {
            Response::Error(error) => Some(error.code),
            _ => None,
        }
    }

    #[tokio::test]
    async fn hello_must_come_first_and_match_our_protocol() {
        let (_guards, state) = test_state();
        let mut session = Session::default();
        let (reply, next) = answer(Request::Ping, &mut session, &state).await;
        assert_eq!(
            (code(&reply), next),
            (Some(ErrorCode::HelloRequired), Next::Close)
        );

        let old = Request::Hello(Hello {
            protocol: 999,
            version: "9.9.9".into(),
        });
        let (reply, next) = answer(old, &mut session, &state).await;
        assert_eq!(next, Next::Close);
        let Response::Error(error) = reply else {
            panic!("expected an error, got {reply:?}");
        };
        assert_eq!(error.code, ErrorCode::Incompatible);
        assert_eq!(error.protocol, Some(PROTOCOL_VERSION));
        assert_eq!(error.version.as_deref(), Some(VERSION));
        assert!(!session.greeted);

        let (reply, next) = answer(Request::Hello(Hello::current()), &mut session, &state).await;
        assert!(matches!(reply, Response::Hello(HelloReply { pid, .. }) if pid == state.pid));
        assert_eq!(next, Next::Continue);
        assert!(session.greeted);
    }

    #[tokio::test]
    async fn each_request_gets_its_reply() {
        let (_guards, state) = test_state();
        let mut session = Session {
            greeted: true,
            peer_pid: None,
        };
        assert!(matches!(
            answer(Request::Ping, &mut session, &state).await,
            (Response::Pong, Next::Continue)
        ));
        assert!(matches!(
            answer(Request::Status, &mut session, &state).await,
            (Response::Status(_), Next::Continue)
        ));
        assert!(matches!(
            answer(Request::ReloadConfig, &mut session, &state).await,
            (Response::Reloaded { .. }, Next::Continue)
        ));
        assert!(matches!(
            answer(Request::ReviewList, &mut session, &state).await,
            (Response::Review { entries }, Next::Continue) if entries.is_empty()
        ));
        let (reply, _) = answer(
            Request::ReviewShow { id: "abc".into() },
            &mut session,
            &state,
        )
        .await;
        assert_eq!(code(&reply), Some(ErrorCode::NotFound));
        // No peer pid: nobody can tell that a human asked.
        let (reply, _) = answer(
            Request::ReviewApprove { id: "abc".into() },
            &mut session,
            &state,
        )
        .await;
        assert_eq!(code(&reply), Some(ErrorCode::HumanRequired));
        let (reply, next) = answer(Request::Unknown, &mut session, &state).await;
        assert_eq!(
            (code(&reply), next),
            (Some(ErrorCode::UnknownRequest), Next::Continue)
        );
        std::fs::write(state.config.path(), "[daemon]\nnope = 1\n").unwrap();
        let (reply, next) = answer(Request::ReloadConfig, &mut session, &state).await;
        assert_eq!(
            (code(&reply), next),
            (Some(ErrorCode::ConfigInvalid), Next::Continue)
        );
        assert!(matches!(
            answer(Request::Shutdown, &mut session, &state).await,
            (Response::ShuttingDown { .. }, Next::Shutdown)
        ));
    }
}
