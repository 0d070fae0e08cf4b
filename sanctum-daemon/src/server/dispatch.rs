//! Answering one decoded request: the handshake rule, then one arm per request type.
//!
//! Pure with respect to the connection: it returns the reply and what the connection should
//! do next, and never touches the socket. Every arm answers; none can fail the daemon.

use sanctum_types::ipc::{ErrorCode, ErrorReply, Hello, HelloReply, Request, Response};
use sanctum_types::version::{PROTOCOL_VERSION, VERSION};

use crate::config::reload::{Trigger, reload};
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
pub(crate) fn answer(request: Request, session: &mut Session, state: &State) -> (Response, Next) {
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

    #[test]
    fn hello_must_come_first_and_match_our_protocol() {
        let (_guards, state) = test_state();
        let mut session = Session::default();
        let (reply, next) = answer(Request::Ping, &mut session, &state);
        assert_eq!(
            (code(&reply), next),
            (Some(ErrorCode::HelloRequired), Next::Close)
        );

        let old = Request::Hello(Hello {
            protocol: 999,
            version: "9.9.9".into(),
        });
        let (reply, next) = answer(old, &mut session, &state);
        assert_eq!(next, Next::Close);
        let Response::Error(error) = reply else {
            panic!("expected an error, got {reply:?}");
        };
        assert_eq!(error.code, ErrorCode::Incompatible);
        assert_eq!(error.protocol, Some(PROTOCOL_VERSION));
        assert_eq!(error.version.as_deref(), Some(VERSION));
        assert!(!session.greeted);

        let (reply, next) = answer(Request::Hello(Hello::current()), &mut session, &state);
        assert!(matches!(reply, Response::Hello(HelloReply { pid, .. }) if pid == state.pid));
        assert_eq!(next, Next::Continue);
        assert!(session.greeted);
    }

    #[test]
    fn each_request_gets_its_reply() {
        let (_guards, state) = test_state();
        let mut session = Session { greeted: true };
        assert!(matches!(
            answer(Request::Ping, &mut session, &state),
            (Response::Pong, Next::Continue)
        ));
        assert!(matches!(
            answer(Request::Status, &mut session, &state),
            (Response::Status(_), Next::Continue)
        ));
        assert!(matches!(
            answer(Request::ReloadConfig, &mut session, &state),
            (Response::Reloaded { .. }, Next::Continue)
        ));
        let (reply, next) = answer(Request::Unknown, &mut session, &state);
        assert_eq!(
            (code(&reply), next),
            (Some(ErrorCode::UnknownRequest), Next::Continue)
        );
        std::fs::write(state.config.path(), "[daemon]\nnope = 1\n").unwrap();
        let (reply, next) = answer(Request::ReloadConfig, &mut session, &state);
        assert_eq!(
            (code(&reply), next),
            (Some(ErrorCode::ConfigInvalid), Next::Continue)
        );
        assert!(matches!(
            answer(Request::Shutdown, &mut session, &state),
            (Response::ShuttingDown { .. }, Next::Shutdown)
        ));
    }
}
