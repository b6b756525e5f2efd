from multiprocessing  import Process
import time


def task():
    print("妃子 升级为皇后")
    time.sleep(3)
    print("皇后 挂了")

if __name__ == '__main__':
    p = Process(target=task)
    # 将这个子进程设置为当前进程守护进程
    p.daemon = True
    p.start()
    print("崇祯登基")
    print("崇祯驾崩了....")


# 守护进程的代码非常简单
"""
  p.daemon = True   
  注意必须在启动进程之前执行
  
  什么时候需要使用守护进程
例如: qq中有个下载视频   应该用子进程去做 但是 下载的过程中 qq退出  那么下载也没必要继续了
    使用场景不多 了解即可

"""
